using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AfterSales.Testing;

/// <summary>How the fakes of outside services run: a slim web app on a free loopback port, quiet, with its routes.</summary>
public static class LoopbackServer
{
    /// <summary>Starts an app on <paramref name="port"/> (0: a free one) with the routes <paramref name="map"/> adds.</summary>
    public static async Task<(WebApplication App, int Port)> StartAsync(Action<WebApplication> map, int port = 0)
    {
        port = port == 0 ? FakeAcsServer.FreePort() : port;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return (app, port);
    }

    /// <summary>The request's whole body.</summary>
    public static async Task<byte[]> BodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    public static async Task StopAsync(WebApplication app)
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
