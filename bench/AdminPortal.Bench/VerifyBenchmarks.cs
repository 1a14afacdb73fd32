using System.Security.Cryptography;
using AdminPortal.Tokens.Secrets;
using AdminPortal.Tokens.Verification;
using BenchmarkDotNet.Attributes;
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
        if (!_verifier.VerifyAsync(_secret, "127.0.0.1").AsTask().GetAwaiter().GetResult().IsValid)
        {
            throw new InvalidOperationException("The benchmark token does not verify.");
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

    [Benchmark(Description = "Parse + checksum + hash only")]
    public string? HashOnly() => _secrets.TryHash(_secret);

    [Benchmark(Description = "RS256 JWT validation (JsonWebTokenHandler)")]
    public Task<TokenValidationResult> Jwt() => _jwtHandler.ValidateTokenAsync(_jwt, _jwtParameters);
}
