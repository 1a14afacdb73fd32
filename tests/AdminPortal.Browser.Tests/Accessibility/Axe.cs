using System.Reflection;
using System.Text.Json;

namespace AdminPortal.Browser.Tests.Accessibility;

/// <summary>
/// axe-core (npm, pinned by Accessibility/Axe/package-lock.json; scripts/test runs npm ci there) run inside a page:
/// WCAG 2.0/2.1 A and AA rules, colour contrast included. The engine is evaluated through the DevTools protocol, which the
/// page's content security policy does not govern, so the portal's policy stays as strict in these tests as in production.
/// </summary>
internal static class Axe
{
    private static readonly Lazy<string> Source = new(() =>
    {
        var folder = typeof(Axe).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "AxeDirectory").Value!;
        var path = Path.Combine(folder, "node_modules", "axe-core", "axe.min.js");
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new InvalidOperationException($"{path} is missing: run scripts/test (it runs npm ci in {folder}).");
    });

    /// <summary>One rule broken on a screen: its id, impact, what it asks, and up to five of the elements that break it.</summary>
    public sealed record Violation(string Screen, string Id, string Impact, string Help, IReadOnlyList<string> Targets)
    {
        public override string ToString() => $"{Screen}: {Impact} {Id} ({Help}) at {string.Join(" | ", Targets)}";
    }

    /// <summary>The serious and critical violations of what <paramref name="page"/> shows now, named <paramref name="screen"/>.</summary>
    public static async Task<IReadOnlyList<Violation>> SeriousViolationsAsync(IPage page, string screen)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(Source.Value);
        }

        // Colours are judged as they settle: a notification fading in is half transparent, and axe would measure the
        // blend (endless animations such as a progress spinner are left running).
        await page.WaitForFunctionAsync("""
            () => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity)
            """);
        var found = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
              return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 160)) }));
            }
            """);
        return [.. found.EnumerateArray().Select(v => new Violation(screen,
            v.GetProperty("id").GetString()!, v.GetProperty("impact").GetString()!, v.GetProperty("help").GetString()!,
            [.. v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()!)]))];
    }
}
