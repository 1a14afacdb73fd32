using AdminPortal.Components.Shared;
using Microsoft.Extensions.DependencyInjection.Extensions;
using AdminPortal.Components.Layout;
using MudBlazor.Services;

namespace AdminPortal.Extensions;

public static class PortalUiExtensions
{
    /// <summary>Razor components served as Blazor Server (interactive over a circuit), with MudBlazor.</summary>
    public static IHostApplicationBuilder AddPortalUi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents()
            .AddInteractiveServerComponents();
        // Notices at the bottom right, clear of the top bar's person and sign-out.
        builder.Services.AddMudServices(mud => mud.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight);
        builder.Services.AddSingleton<ThemeStylesheets>();
        builder.Services.AddScoped<BrowserTimeZone>();

        // Components read time from TimeProvider, never from DateTime.UtcNow, so tests can control it.
        builder.Services.TryAddSingleton(TimeProvider.System);

        return builder;
    }
}
