using AdminPortal.Api;
using AdminPortal.Calendar;
using AdminPortal.Cli;
using AdminPortal.Components;
using AdminPortal.Components.Layout;
using AdminPortal.Extensions;
using AdminPortal.Health;
using AdminPortal.Security;
using AdminPortal.SignIn;
using AdminPortal.Telemetry;
using AdminPortal.Tokens;

// "tokens ..." and "users ..." are the operators' commands: they run without the web server.
if (OperatorCommandLine.Handles(args))
{
    return await OperatorCommandLine.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);

// Each area registers itself with one extension method.
builder.AddPortalSecurity();
builder.AddPortalUi();
builder.AddTokenDomain();
builder.AddPortalSignIn();
builder.AddPortalHealthChecks();
builder.AddTokenApi();
builder.AddPortalTelemetry();

var app = builder.Build();

app.UsePortalSecurity();
app.UsePortalErrorHandling();
app.UsePortalSignIn();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapThemeStylesheets();
app.MapPortalHealthChecks();
app.MapPortalSignIn();
app.MapTokenApi();
app.MapCalendarFeed();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

app.Run();
return 0;

/// <summary>The entry point, public so that WebApplicationFactory can start the host in tests.</summary>
public partial class Program;
