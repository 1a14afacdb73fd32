using System.Net;
using Microsoft.AspNetCore.Http.Features;

namespace AdminPortal.Bench;

/// <summary>A request for <see cref="InProcessServer"/>: what Kestrel would hand the application after parsing it.</summary>
internal static class InProcessRequest
{
    /// <summary>GET <paramref name="path"/> from <paramref name="from"/>, with <c>Authorization: Bearer</c> when given.</summary>
    public static IFeatureCollection Get(string path, string? bearer, IPAddress from)
    {
        var features = new FeatureCollection();
        var request = new HttpRequestFeature { Method = "GET", Path = path, Protocol = "HTTP/1.1", Scheme = "http" };
        request.Headers.Host = "127.0.0.1";
        if (bearer is not null)
        {
            request.Headers.Authorization = "Bearer " + bearer;
        }

        features.Set<IHttpRequestFeature>(request);
        features.Set<IHttpResponseFeature>(new HttpResponseFeature());
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null));
        features.Set<IHttpConnectionFeature>(new HttpConnectionFeature { RemoteIpAddress = from });
        return features;
    }
}
