using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;

namespace AdminPortal.SignIn.Oidc;

/// <summary>The provider's userinfo endpoint, asked by a session's re-check when the refresh answer carries no id_token (or when configured).</summary>
internal static class ProviderUserInfo
{
    /// <summary>The person's claims (arrays as one claim per value), or null when the endpoint does not answer them.</summary>
    public static async Task<List<Claim>?> ClaimsAsync(HttpClient backchannel, string endpoint, string accessToken, CancellationToken ct)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            using var response = await backchannel.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            return json.RootElement.EnumerateObject()
                .SelectMany(p => p.Value.ValueKind == JsonValueKind.Array ? p.Value.EnumerateArray().Select(v => (p.Name, Value: v)) : [(p.Name, Value: p.Value)])
                .Select(c => new Claim(c.Name, c.Value.ValueKind == JsonValueKind.String ? c.Value.GetString()! : c.Value.GetRawText()))
                .ToList();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return null;
        }
    }
}
