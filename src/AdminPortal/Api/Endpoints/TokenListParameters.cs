using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;
using Microsoft.AspNetCore.Mvc;

namespace AdminPortal.Api.Endpoints;

/// <summary>The query of GET /api/v1/tokens: the portal's filters, sorts and paging, as text until parsed.</summary>
internal sealed record TokenListParameters(
    [property: FromQuery(Name = "name")] string? Name,
    [property: FromQuery(Name = "guid")] string? Guid,
    [property: FromQuery(Name = "scope")] string[]? Scope,
    [property: FromQuery(Name = "status")] string[]? Status,
    [property: FromQuery(Name = "usage")] string[]? Usage,
    [property: FromQuery(Name = "expiringSoon")] string? ExpiringSoon,
    [property: FromQuery(Name = "all")] string? All,
    [property: FromQuery(Name = "owner")] string? Owner,
    [property: FromQuery(Name = "sort")] string? Sort,
    [property: FromQuery(Name = "order")] string? Order,
    [property: FromQuery(Name = "page")] string? Page,
    [property: FromQuery(Name = "pageSize")] string? PageSize,
    [property: FromQuery(Name = "after")] string? After,
    [property: FromQuery(Name = "createdFrom")] string? CreatedFrom,
    [property: FromQuery(Name = "createdTo")] string? CreatedTo,
    [property: FromQuery(Name = "expiresFrom")] string? ExpiresFrom,
    [property: FromQuery(Name = "expiresTo")] string? ExpiresTo,
    [property: FromQuery(Name = "lastUsedFrom")] string? LastUsedFrom,
    [property: FromQuery(Name = "lastUsedTo")] string? LastUsedTo)
{
    /// <summary>The token query, or the parameters' errors. "status=any" lists every validity status.</summary>
    public TokenQuery Parse(Parameters p)
    {
        var anyStatus = Status is ["any"];
        return new TokenQuery
        {
            Name = Name,
            GuidPrefix = Guid,
            Scopes = [.. (Scope ?? []).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
            Validity = anyStatus ? [] : Status is { Length: > 0 } ? p.Enums<TokenValidity>("status", Status) : TokenQuery.UsableStatuses,
            Usage = p.Enums<TokenUsage>("usage", Usage),
            ExpiringSoon = p.Flag("expiringSoon", ExpiringSoon),
            AllOfTenant = p.Flag("all", All),
            OwnerId = p.Guid("owner", Owner),
            Sort = p.Enum<TokenSort>("sort", Sort) ?? TokenSort.Created,
            Descending = (p.Enum<SortOrder>("order", Order) ?? SortOrder.Desc) == SortOrder.Desc,
            Page = p.Int("page", Page, 1, 1, int.MaxValue),
            PageSize = p.Int("pageSize", PageSize, 25, 1, TokenQuery.MaxPageSize),
            After = After,
            Created = new InstantRange(p.Instant("createdFrom", CreatedFrom), p.Instant("createdTo", CreatedTo)),
            Expires = new InstantRange(p.Instant("expiresFrom", ExpiresFrom), p.Instant("expiresTo", ExpiresTo)),
            LastUsed = new InstantRange(p.Instant("lastUsedFrom", LastUsedFrom), p.Instant("lastUsedTo", LastUsedTo)),
        };
    }

    private enum SortOrder
    {
        Asc,
        Desc,
    }
}
