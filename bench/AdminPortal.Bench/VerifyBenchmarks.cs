using System.Security.Cryptography;
using AdminPortal.Tokens.Persistence;
using AdminPortal.Tokens.Secrets;
using AdminPortal.Tokens.Verification;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AdminPortal.Bench;

/// <summary>
/// Verify with a warm cache (parse, checksum, hash, look-up, validity against the clock, usage recorded in memory),
/// beside its parts and the usual alternative: RS256 JWT validation with JsonWebTokenHandler.
/// </summary>
[MemoryDiagnoser]
public class VerifyBenchmarks
{
    private BenchDomain _domain = null!;
    private TokenVerifier _verifier = null!;
    private TokenSecrets _secrets = null!;
    private string _secret = "";
    private string _allowListed = "";
    private string _rateLimited = "";
    private string _jwt = "";
    private JsonWebTokenHandler _jwtHandler = null!;
    private TokenValidationParameters _jwtParameters = null!;
    private RSA _rsa = null!;

    [GlobalSetup]
    public void Setup()
    {
        _domain = BenchDomain.StartAsync(TimeProvider.System).GetAwaiter().GetResult();
        var owner = _domain.UserAsync().GetAwaiter().GetResult();
        _secret = _domain.TokenAsync(owner, "bench").GetAwaiter().GetResult().Secret;
        _verifier = _domain.Services.GetRequiredService<TokenVerifier>();
        _secrets = _domain.Services.GetRequiredService<TokenSecrets>();
        // Ten ranges, the caller's in the last one: every range is tested.
        string[] ranges = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32",
            "100.64.0.0/10", "192.0.2.0/24", "fd00::/8", "127.0.0.0/8"];
        _allowListed = _domain.TokenAsync(owner, "bench allow-list", ranges).GetAwaiter().GetResult().Secret;

        // A limit no run reaches (above what the rules accept, so set in the database): every call takes the path of a
        // call under its limit.
        var limited = _domain.TokenAsync(owner, "bench rate limit").GetAwaiter().GetResult();
        _rateLimited = limited.Secret;
        using (var db = _domain.Services.GetRequiredService<IDbContextFactory<TokenDbContext>>().CreateDbContext())
        {
            db.Tokens.Where(t => t.Id == limited.Token.Id).ExecuteUpdate(s => s.SetProperty(t => t.RateLimitPerMinute, int.MaxValue));
        }

        foreach (var secret in new[] { _secret, _allowListed, _rateLimited })
        {
            if (!_verifier.VerifyAsync(secret, "127.0.0.1").AsTask().GetAwaiter().GetResult().IsValid)
            {
                throw new InvalidOperationException("A benchmark token does not verify.");
            }
        }

        _rsa = RSA.Create(2048);
        (_jwt, _jwtParameters) = JwtFixture.Create(_rsa);
        _jwtHandler = new JsonWebTokenHandler();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _rsa.Dispose();
        _domain.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "Verify (warm cache)")]
    public ValueTask<Verification> Verify() => _verifier.VerifyAsync(_secret, "127.0.0.1");

    [Benchmark(Description = "Verify, allow-list of 10 ranges (warm)")]
    public ValueTask<Verification> VerifyAllowList() => _verifier.VerifyAsync(_allowListed, "127.0.0.1");

    [Benchmark(Description = "Verify, rate limit, under it (warm)")]
    public ValueTask<Verification> VerifyRateLimit() => _verifier.VerifyAsync(_rateLimited, "127.0.0.1");

    [Benchmark(Description = "Parse + checksum + hash only")]
    public string? HashOnly() => _secrets.TryHash(_secret);

    [Benchmark(Description = "RS256 JWT validation (JsonWebTokenHandler)")]
    public Task<TokenValidationResult> Jwt() => _jwtHandler.ValidateTokenAsync(_jwt, _jwtParameters);
}
