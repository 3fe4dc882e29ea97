using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ZoningHub.Contracts.Json;

/// <summary>
/// Reads an integer member as the published schema's draft 2020-12 <c>integer</c> is defined: any number whose fraction is
/// zero, so <c>1.0</c> is 1. .NET's reader refused <c>"sequence": 1.0</c>, and a body the schema passes went to the intake's
/// _error queue untold. A string (<c>"1"</c>) is still no number, as the schema says too.
/// </summary>
sealed class WholeNumberConverter<T> : JsonConverter<T> where T : struct, IBinaryInteger<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new JsonException($"A JSON {reader.TokenType} is not a whole number; send a JSON number.");
        }

        if (reader.TryGetDecimal(out var value) && decimal.IsInteger(value))
        {
            try
            {
                return T.CreateChecked(value);
            }
            catch (OverflowException)
            {
                // Beyond the member's range, as below.
            }
        }

        throw new JsonException($"The number is not whole, or beyond {typeof(T).Name}'s range.");
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteNumberValue(long.CreateChecked(value));
}
