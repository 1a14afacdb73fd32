using AdminPortal.Api.Authentication;
using Microsoft.Extensions.Time.Testing;

namespace AdminPortal.Api.Tests.Authentication;

public sealed class FailedAuthenticationLimiterTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Tracked_addresses_stay_within_the_cap_under_a_spray_of_addresses()
    {
        var limiter = Limiter(limit: 3, tracked: 1_000);

        for (var i = 0; i < 20_000; i++)
        {
            Assert.True(limiter.TryCount(IPv4(i), out _, out _));
        }

        Assert.InRange(limiter.TrackedAddresses, 1, 1_000);
    }

    [Fact]
    public void Address_keeps_its_own_count_after_a_spray_of_other_addresses()
    {
        var limiter = Limiter(limit: 3, tracked: 1_000);
        var target = IPAddress.Parse("198.51.100.7");
        for (var i = 0; i < 5_000; i++)
        {
            limiter.TryCount(IPv4(i), out _, out _);
        }

        var answers = Enumerable.Range(0, 4).Select(i => limiter.TryCount(target, out _, out _)).ToList();

        Assert.Equal([true, true, true, false], answers);
        Assert.InRange(limiter.TrackedAddresses, 1, 1_000);
    }

    [Fact]
    public void Address_over_its_limit_is_told_to_wait_until_its_window_ends_then_may_try_again()
    {
        var limiter = Limiter(limit: 2, tracked: 1_000);
        var address = IPAddress.Parse("192.0.2.1");
        limiter.TryCount(address, out _, out _);
        _clock.Advance(TimeSpan.FromSeconds(20));
        limiter.TryCount(address, out _, out _);

        var refused = !limiter.TryCount(address, out _, out var wait);
        _clock.Advance(TimeSpan.FromSeconds(40));
        var again = limiter.TryCount(address, out _, out _);

        Assert.True(refused);
        Assert.Equal(TimeSpan.FromSeconds(40), wait);
        Assert.True(again);
    }

    [Fact]
    public void Addresses_of_one_IPv6_64_share_one_allowance_and_the_next_64_has_its_own()
    {
        var limiter = Limiter(limit: 3, tracked: 1_000);
        for (var i = 1; i <= 3; i++)
        {
            Assert.True(limiter.TryCount(IPAddress.Parse($"2001:db8:1:2::{i:x}"), out _, out _));
        }

        Assert.False(limiter.TryCount(IPAddress.Parse("2001:db8:1:2:ffff:ffff:ffff:ffff"), out _, out _));
        Assert.True(limiter.TryCount(IPAddress.Parse("2001:db8:1:3::1"), out _, out _));
    }

    [Fact]
    public void IPv4_address_mapped_to_IPv6_shares_the_allowance_of_the_IPv4_address()
    {
        var limiter = Limiter(limit: 1, tracked: 1_000);
        Assert.True(limiter.TryCount(IPAddress.Parse("203.0.113.9"), out _, out _));

        Assert.False(limiter.TryCount(IPAddress.Parse("::ffff:203.0.113.9"), out _, out _));
        Assert.True(limiter.TryCount(IPAddress.Parse("203.0.113.10"), out _, out _));
    }

    [Fact]
    public void Attempt_given_back_because_the_token_was_valid_does_not_count()
    {
        var limiter = Limiter(limit: 2, tracked: 1_000);
        var address = IPAddress.Parse("192.0.2.1");
        for (var i = 0; i < 10; i++)
        {
            Assert.True(limiter.TryCount(address, out var attempt, out _));
            FailedAuthenticationLimiter.Uncount(attempt);
        }

        Assert.True(limiter.TryCount(address, out _, out _));
        Assert.True(limiter.TryCount(address, out _, out _));
        Assert.False(limiter.TryCount(address, out _, out _));
    }

    private static IPAddress IPv4(int i) => new([10, (byte)(i >> 16), (byte)(i >> 8), (byte)i]);

    private FailedAuthenticationLimiter Limiter(int limit, int tracked) =>
        new(Microsoft.Extensions.Options.Options.Create(new ApiOptions
        {
            FailedAuthenticationLimit = limit,
            FailedAuthenticationWindow = TimeSpan.FromMinutes(1),
            FailedAuthenticationTrackedAddresses = tracked,
        }), _clock);
}
