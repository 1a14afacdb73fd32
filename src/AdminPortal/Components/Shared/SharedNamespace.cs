using System.Diagnostics.CodeAnalysis;

// "Shared" is a Visual Basic keyword; nothing here is consumed from Visual Basic, and the folder name follows
// the Blazor convention (Components/Shared) that STYLE.md asks for.
[assembly: SuppressMessage("Naming", "CA1716:Identifiers should not match keywords",
    Scope = "namespace", Target = "~N:AdminPortal.Components.Shared", Justification = "Blazor folder convention; no Visual Basic consumers.")]
