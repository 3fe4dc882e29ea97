namespace ZoningHub.Samples.World;

/// <summary>An industry class with the words a project of it is named with.</summary>
/// <param name="Trade">What goes into the company name (石化 → 恒盛石化有限公司).</param>
/// <param name="Product">The project's product with a <c>{0}</c> for its size.</param>
sealed record Industry(string Code, string Trade, string Product)
{
    /// <summary>The division (first two digits), as the national investment project code carries it.</summary>
    public string Division => Code[..2];
}
