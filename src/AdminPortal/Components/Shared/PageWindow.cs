using System.Globalization;

namespace AdminPortal.Components.Shared;

/// <summary>Where one page sits in a list of <see cref="Total"/> items: its first and last item and its neighbours.</summary>
public readonly record struct PageWindow(int Page, int PageSize, int Total)
{
    /// <summary>Number of pages (at least 1, so that an empty list still has its page 1).</summary>
    public int PageCount => Math.Max(1, (int)Math.Ceiling(Total / (double)PageSize));

    /// <summary>1-based number of the first item on this page; 0 when the page is empty.</summary>
    public int FirstItem => IsPastEnd || Total == 0 ? 0 : ((Page - 1) * PageSize) + 1;

    /// <summary>1-based number of the last item on this page; 0 when the page is empty.</summary>
    public int LastItem => FirstItem == 0 ? 0 : Math.Min(Page * PageSize, Total);

    /// <summary>Whether there is a page before this one.</summary>
    public bool HasPrevious => Page > 1;

    /// <summary>Whether there is a page after this one.</summary>
    public bool HasNext => Page < PageCount;

    /// <summary>Whether the page lies after the last item (an old link to a list that has shrunk).</summary>
    public bool IsPastEnd => Page > PageCount;

    /// <summary>"1–25 of 132", or "0 of 0".</summary>
    public string Summary => FirstItem == 0
        ? string.Create(CultureInfo.InvariantCulture, $"0 of {Total:N0}")
        : string.Create(CultureInfo.InvariantCulture, $"{FirstItem:N0}–{LastItem:N0} of {Total:N0}");
}
