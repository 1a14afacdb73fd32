namespace AdminPortal.Tokens.Users;

/// <summary>The users the portal makes itself rather than an identity provider: the command line's operator of each tenant.</summary>
public static class BuiltInUsers
{
    /// <summary>The operator's subject: the "adminportal:" prefix is not one an identity provider issues.</summary>
    public const string OperatorSubject = "adminportal:operator";

    /// <summary>The operator's display name, as the audit log shows it.</summary>
    public const string OperatorName = "Operator (command line)";

    /// <summary>Whether the user with <paramref name="subjectId"/> is built in (and so can never be deactivated).</summary>
    public static bool IsBuiltIn(string subjectId) => subjectId == OperatorSubject;
}
