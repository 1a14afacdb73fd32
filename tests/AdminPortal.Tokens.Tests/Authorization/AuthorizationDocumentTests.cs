using AdminPortal.Authorization;

namespace AdminPortal.Tokens.Tests.Authorization;

public class AuthorizationDocumentTests
{
    [Fact]
    public void Checked_in_authorization_document_is_the_one_rendered_from_the_matrix()
    {
        var path = Path.Combine(RepositoryRoot(), AuthorizationDocument.RelativePath);
        var rendered = AuthorizationDocument.Render();

        if (Environment.GetEnvironmentVariable("ADMINPORTAL_WRITE_AUTHORIZATION_DOC") == "1")
        {
            File.WriteAllText(path, rendered);
        }

        Assert.True(File.Exists(path), $"{AuthorizationDocument.RelativePath} is missing; run this test with ADMINPORTAL_WRITE_AUTHORIZATION_DOC=1.");
        Assert.True(File.ReadAllText(path).ReplaceLineEndings("\n") == rendered,
            $"{AuthorizationDocument.RelativePath} differs from the matrix; run this test with ADMINPORTAL_WRITE_AUTHORIZATION_DOC=1 and commit it.");
    }

    [Fact]
    public void Readme_links_to_the_authorization_model()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));

        Assert.Contains($"]({AuthorizationDocument.RelativePath})", readme, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AdminPortal.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("AdminPortal.sln not found above " + AppContext.BaseDirectory);
    }
}
