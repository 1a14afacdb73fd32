using AdminPortal.Api;
using AdminPortal.Components;
using AdminPortal.Extensions;
using AdminPortal.Health;
using AdminPortal.Tokens;

var builder = WebApplication.CreateBuilder(args);

// Each area registers itself with one extension method (shared/STYLE.md).
builder.AddPortalUi();
builder.AddTokenDomain();
builder.AddPortalHealthChecks();
builder.AddTokenApi();

var app = builder.Build();

app.UsePortalErrorHandling();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapPortalHealthChecks();
app.MapTokenApi();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

app.Run();

/// <summary>The entry point, public so that WebApplicationFactory can start the host in tests.</summary>
public partial class Program;
