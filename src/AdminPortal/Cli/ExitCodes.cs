namespace AdminPortal.Cli;

/// <summary>The command line's exit codes, as usual: 0 done, 1 refused or failed, 2 wrong usage.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failed = 1;
    public const int Usage = 2;
}
