using System;
using System.IO;
using Mono.Cecil;
using Mono.Cecil.Cil;

// Debian's Mono 6.8 cannot bind a call that code compiled against netstandard2.1's reference assembly
// (NETStandard.Library.Ref 2.1.0) makes to ReadOnlySpan<T>'s indexer: the reference declares the indexer's
// `ref readonly T` return with modreq(InAttribute), Mono's corlib declares it without, and Mono compares custom
// modifiers strictly, so the call throws MissingMethodException. This rewrites those call sites, and only those, to
// the signature Mono's corlib has, in each assembly given, so that the rest of the IL runs on Mono unchanged.
// Prints how many call sites each assembly had.
int rewrittenTotal = 0;
foreach (string path in args)
{
    var resolver = new DefaultAssemblyResolver();
    resolver.AddSearchDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    byte[] original = File.ReadAllBytes(path);
    int rewritten = 0;
    using (var assembly = AssemblyDefinition.ReadAssembly(new MemoryStream(original), new ReaderParameters { AssemblyResolver = resolver }))
    {
        foreach (TypeDefinition type in assembly.MainModule.GetTypes())
        {
            foreach (MethodDefinition method in type.Methods)
            {
                if (!method.HasBody)
                {
                    continue;
                }

                foreach (Instruction instruction in method.Body.Instructions)
                {
                    if (instruction.Operand is MethodReference { Name: "get_Item", DeclaringType: GenericInstanceType { ElementType.FullName: "System.ReadOnlySpan`1" } } indexer &&
                        Strip(indexer.ReturnType) is { } plain)
                    {
                        var call = new MethodReference(indexer.Name, plain, indexer.DeclaringType) { HasThis = true };
                        foreach (ParameterDefinition parameter in indexer.Parameters)
                        {
                            call.Parameters.Add(new ParameterDefinition(parameter.ParameterType));
                        }

                        instruction.Operand = call;
                        rewritten++;
                    }
                }
            }
        }

        if (rewritten > 0)
        {
            assembly.Write(path + ".rewritten");
        }
    }

    if (rewritten > 0)
    {
        File.Move(path + ".rewritten", path, overwrite: true);
    }

    Console.WriteLine($"{Path.GetFileName(path)}: {rewritten} ReadOnlySpan indexer calls rewritten for Mono");
    rewrittenTotal += rewritten;
}

return 0;

// The type without its required modifiers (T modreq(X)& → T&), or null when it has none.
static TypeReference? Strip(TypeReference type) => type switch
{
    RequiredModifierType modified => Strip(modified.ElementType) ?? modified.ElementType,
    ByReferenceType reference when Strip(reference.ElementType) is { } inner => new ByReferenceType(inner),
    _ => null,
};
