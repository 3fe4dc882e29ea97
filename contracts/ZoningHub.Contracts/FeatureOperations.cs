namespace ZoningHub.Contracts;

public static class FeatureOperations
{
    public const string Upsert = "upsert";
    public const string Delete = "delete";
}
