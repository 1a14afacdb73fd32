using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace AdminPortal.Bench;

/// <summary>bench/run drives these modes: micro (BenchmarkDotNet: Verify and the request pipeline), telemetry (what the metrics add to Verify, interleaved), writes (DB-write count), serve (the wrk target); bench/soak drives soak; bench/flood drives flood; bench/scale drives scale; bench/propagation drives propagation.</summary>
internal static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "micro":
                // In process: BenchmarkDotNet's generated project would inherit the repository's strict build settings.
                var job = Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(5).WithIterationCount(15);
                var config = ManualConfig.Create(DefaultConfig.Instance).AddJob(job).AddColumn(StatisticColumn.P95)
                    .AddColumn(StatisticColumn.Min, StatisticColumn.Median)
                    .WithOptions(ConfigOptions.DisableLogFile);
                BenchmarkSwitcher.FromTypes([typeof(VerifyBenchmarks), typeof(VerifyTelemetryBenchmarks), typeof(PipelineBenchmarks)])
                    .Run(args.Length > 1 ? args[1..] : ["--filter", "*"], config);
                return 0;
            case "telemetry":
                return await TelemetryOverhead.RunAsync(args[1..], Console.Out);
            case "verify-loop":
                return await VerifyLoop.RunAsync(Console.Out);
            case "writes":
                return await WriteCount.RunAsync(Console.Out);
            case "serve":
                return await BenchHost.ServeAsync(args[1..]);
            case "soak":
                return await Soak.RunAsync(args[1..], Console.Out);
            case "scale":
                return await ScaleBench.RunAsync(args[1..], Console.Out);
            case "flood":
                return await FloodBench.RunAsync(args[1..], Console.Out);
            case "propagation":
                return await PropagationBench.RunAsync(args[1..], Console.Out);
            default:
                await Console.Error.WriteLineAsync("usage: AdminPortal.Bench micro | telemetry [rounds] | verify-loop | writes | serve --urls <url> --secrets <file> | soak --portal <AdminPortal.dll> [--seconds 300] [--rate 1000] [--tokens 200] [--screenshots <dir>] | scale --portal <AdminPortal.dll> [--tokens 1000000] [--audit 10000000] [--data <new folder to keep> [--reuse]] | flood [--seconds 10] [--rounds 2] [--rate 1000] [--flood-rate 10000] [--tokens 100] | propagation --connection <PostgreSQL> [--revokes 250] [--workers 2] [--seconds-between 0.05]");
                return 2;
        }
    }
}
