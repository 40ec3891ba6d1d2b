using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DssApi.Emulator.Deployer;
using DssApi.Emulator.Routing;

namespace DssApi.Emulator.ApiNode;

/// <summary>
/// Picks the generation (version) that answers a query: a forced generation, else the mapping's single
/// generation, else a draw over the entries' probabilities. The draw is a hash, so it is deterministic:
/// of the seed and the request for RANDOM, of the dispatch key alone for HASH_BASED.
/// </summary>
internal static class GenerationDispatcher
{
    public static string Choose(JsonObject mapping, JsonObject? dispatch, string requestFingerprint, int seed)
    {
        var generations = DeploymentSettings.MappingGenerations(mapping);
        if (dispatch is not null && DssJson.OptionalString(dispatch, "forcedGeneration", "dispatch") is { } forced)
        {
            return generations.Contains(forced)
                ? forced
                : throw DssError.IllegalArgument($"Generation {forced} is not available; this service serves {string.Join(", ", generations)}");
        }

        if (mapping.Text("mode") != DeploymentSettings.MultiGeneration)
        {
            return generations[0];
        }

        var draw = mapping.Text("strategy") == DeploymentSettings.HashBasedStrategy
            ? UniformHash((dispatch is null ? null : DssJson.OptionalString(dispatch, "dispatchKey", "dispatch"))
                ?? throw DssError.IllegalArgument("For a HASH_BASED dispatch, the dispatch key is mandatory in queries"))
            : UniformHash($"{seed}\n{requestFingerprint}");

        var cumulative = 0.0;
        foreach (var entry in mapping["entries"]!.AsArray())
        {
            cumulative += entry!["proba"]!.GetValue<double>();
            if (draw < cumulative)
            {
                return entry["generation"]!.GetValue<string>();
            }
        }

        // Probabilities summing to 1 within rounding can leave the walk just short of the last entry.
        return generations[^1];
    }

    /// <summary>A number in [0, 1) that depends only on <paramref name="text"/>.</summary>
    private static double UniformHash(string text)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return (BinaryPrimitives.ReadUInt64BigEndian(digest) >> 11) * (1.0 / (1UL << 53));
    }
}
