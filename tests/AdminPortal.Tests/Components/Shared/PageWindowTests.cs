using AdminPortal.Components.Shared;

namespace AdminPortal.Tests.Components.Shared;

public sealed class PageWindowTests
{
    [Fact]
    public void Middle_page_names_its_items_and_has_both_neighbours()
    {
        var window = new PageWindow(Page: 2, PageSize: 25, Total: 132);

        Assert.Equal((26, 50, 6), (window.FirstItem, window.LastItem, window.PageCount));
        Assert.True(window.HasPrevious);
        Assert.True(window.HasNext);
        Assert.Equal("26–50 of 132", window.Summary);
    }

    [Fact]
    public void Last_page_ends_at_the_total()
    {
        var window = new PageWindow(6, 25, 132);

        Assert.Equal((126, 132), (window.FirstItem, window.LastItem));
        Assert.False(window.HasNext);
    }

    [Fact]
    public void Empty_list_has_one_empty_page()
    {
        var window = new PageWindow(1, 25, 0);

        Assert.Equal(1, window.PageCount);
        Assert.Equal("0 of 0", window.Summary);
        Assert.False(window.HasPrevious);
        Assert.False(window.HasNext);
    }

    [Fact]
    public void Page_after_the_end_is_empty_and_says_so()
    {
        var window = new PageWindow(9, 25, 30);

        Assert.True(window.IsPastEnd);
        Assert.Equal((0, 0), (window.FirstItem, window.LastItem));
        Assert.Equal("0 of 30", window.Summary);
    }

    [Fact]
    public void Large_totals_are_grouped() =>
        Assert.Equal("1,001–1,100 of 12,345", new PageWindow(11, 100, 12_345).Summary);
}
