using System.Text;
using AdminPortal.Tokens.Model;

namespace AdminPortal.Api.Tests.Api;

/// <summary>
/// Thousands of generated malformed Authorization headers, introspection bodies and query strings: the portal answers
/// each with a 4xx (introspection of a bad token: 200 {"active":false}, as RFC 7662 requires), never a 5xx.
/// </summary>
public sealed class FuzzTests(ApiHost host) : IClassFixture<ApiHost>
{
    private const int Cases = 3000;

    [Fact]
    public async Task Malformed_authorization_headers_get_only_4xx()
    {
        var valid = (await host.TokenAsync(await host.UserAsync())).Secret;
        var random = new Random(5);
        using var client = RawClient();

        var statuses = await SendAllAsync(Enumerable.Range(0, Cases).Select(_ => Headers.Malformed(random, valid)), header =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
            request.Headers.TryAddWithoutValidation("Authorization", header);
            return client.SendAsync(request, TestContext.Current.CancellationToken);
        });

        Assert.All(statuses, s => Assert.InRange(s, 400, 499));
        Assert.Contains(401, statuses);
    }

    [Fact]
    public async Task Malformed_introspection_bodies_get_inactive_or_4xx_and_never_5xx()
    {
        var caller = (await host.TokenAsync(await host.UserAsync(Role.FullAdmin), "introspect")).Secret;
        var valid = (await host.TokenAsync(await host.UserAsync())).Secret;
        var random = new Random(7);
        using var client = RawClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", caller);
        string[] contentTypes = ["application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-8", "multipart/form-data", "text/plain", "application/json", ""];

        var answers = await SendAllAsync(Enumerable.Range(0, Cases), async i =>
        {
            var body = i % 2 == 0 ? "token=" + Uri.EscapeDataString(Headers.Mutate(random, valid)) : Headers.RandomText(random, random.Next(0, 300));
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            var type = contentTypes[random.Next(contentTypes.Length)];
            if (type.Length > 0)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", type);
            }

            var response = await client.PostAsync(new Uri("/api/v1/introspect", UriKind.Relative), content, TestContext.Current.CancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                Assert.Equal("""{"active":false}""", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            }

            return response;
        });

        Assert.All(answers, s => Assert.True(s == 200 || s is >= 400 and < 500, $"status {s}"));
    }

    [Fact]
    public async Task Random_list_parameters_get_200_or_400_and_never_5xx()
    {
        var secret = (await host.TokenAsync(await host.UserAsync(Role.SecurityReader), "tokens:read", "audit:read")).Secret;
        var random = new Random(11);
        using var client = RawClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        string[] names = ["name", "guid", "scope", "status", "usage", "all", "owner", "sort", "order", "page", "pageSize", "token", "actor", "from", "to"];

        var statuses = await SendAllAsync(Enumerable.Range(0, Cases / 3), i =>
        {
            var query = string.Join("&", Enumerable.Range(0, random.Next(1, 5))
                .Select(_ => names[random.Next(names.Length)] + "=" + Uri.EscapeDataString(Headers.RandomText(random, random.Next(0, 40)))));
            var path = (i % 2 == 0 ? "/api/v1/tokens?" : "/api/v1/audit?") + query;
            return client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        });

        Assert.All(statuses, s => Assert.True(s is 200 or 400 or 403, $"status {s}"));
    }

    /// <summary>A client that sends header bytes as UTF-8 without checking them, so that Kestrel sees them raw.</summary>
    private HttpClient RawClient() =>
        new(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 }) { BaseAddress = host.ServerAddress };

    private static async Task<List<int>> SendAllAsync<T>(IEnumerable<T> cases, Func<T, Task<HttpResponseMessage>> send)
    {
        var statuses = new System.Collections.Concurrent.ConcurrentBag<int>();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = TestContext.Current.CancellationToken }, async (item, _) =>
        {
            using var response = await send(item);
            statuses.Add((int)response.StatusCode);
        });
        return [.. statuses];
    }

    private static class Headers
    {
        private const string Noise = "abcXYZ019_-+/=.:;,\"'\\ \t{}()<>@!?#%&*~`^|[]€ßü\u0001\u007f\u00a0\u202e";

        public static string Malformed(Random random, string valid) => random.Next(6) switch
        {
            0 => RandomText(random, random.Next(0, 200)),
            1 => "Bearer " + Mutate(random, valid),
            2 => "Token " + Mutate(random, valid),
            3 => Pick(random, ["Bearer", "Token", "Basic", "Digest", "bearer", "BEARER", ""]) + Pick(random, [" ", "  ", "\t", ""]) + RandomText(random, random.Next(0, 60)),
            4 => "Bearer " + valid + Pick(random, [" x", ",", "\tx", " Bearer " + valid]),
            _ => new string(Noise[random.Next(Noise.Length)], random.Next(1, 8000)),
        };

        public static string Mutate(Random random, string valid)
        {
            string mutated;
            do
            {
                mutated = MutateOnce(random, valid);
            }
            while (mutated == valid);
            return mutated;
        }

        private static string MutateOnce(Random random, string valid)
        {
            var chars = valid.ToCharArray();
            switch (random.Next(5))
            {
                case 0:
                    chars[random.Next(chars.Length)] = Noise[random.Next(Noise.Length)];
                    return new string(chars);
                case 1:
                    return valid[..random.Next(valid.Length)];
                case 2:
                    return valid + "x" + RandomText(random, random.Next(0, 10));
                case 3:
                    return "xyz" + valid[3..];
                default:
                    (chars[0], chars[^1]) = (chars[^1], chars[0]);
                    return new string(chars);
            }
        }

        public static string RandomText(Random random, int length)
        {
            var builder = new StringBuilder(length);
            for (var i = 0; i < length; i++)
            {
                builder.Append(Noise[random.Next(Noise.Length)]);
            }

            return builder.ToString();
        }

        private static string Pick(Random random, string[] options) => options[random.Next(options.Length)];
    }
}
