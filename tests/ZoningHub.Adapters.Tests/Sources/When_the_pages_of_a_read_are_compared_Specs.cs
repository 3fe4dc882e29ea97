using ZoningHub.Adapters.Kit.Exports;

namespace ZoningHub.Adapters.Tests.Sources;

/// <summary><see cref="PagingConsistency"/>: the signs that a paged read is not one state of the layer, as values in and a reason out.</summary>
public sealed class When_the_pages_of_a_read_are_compared
{
    [Fact]
    public void Should_find_nothing_wrong_with_pages_that_hold_what_the_service_counted()
    {
        Assert.Null(PagingConsistency.Disagreement([Page(5, "HX-1", "HX-2"), Page(5, "HX-3", "HX-4"), Page(5, "HX-5")]));
    }

    [Fact]
    public void Should_tell_when_the_service_counts_differently_from_one_page_to_the_next()
    {
        Assert.Equal("numberMatched was 5 on page 1 and 4 on page 2",
            PagingConsistency.Disagreement([Page(5, "HX-1", "HX-2"), Page(4, "HX-4", "HX-5")]));
    }

    [Fact]
    public void Should_tell_when_the_pages_hold_fewer_features_than_the_first_page_counted()
    {
        // A service that counts on the first page only: a feature shifted past the reader is still missed.
        Assert.Equal("the pages held 4 features where the service's numberMatched says 5",
            PagingConsistency.Disagreement([Page(5, "HX-1", "HX-2"), Page(null, "HX-4", "HX-5")]));
    }

    [Fact]
    public void Should_tell_when_a_feature_comes_on_two_pages()
    {
        Assert.Equal("feature 'HX-2' came on page 1 and again on page 2",
            PagingConsistency.Disagreement([Page(null, "HX-1", "HX-2"), Page(null, "HX-2", "HX-3")]));
    }

    [Fact]
    public void Should_leave_an_id_repeated_on_one_page_to_the_reader()
    {
        Assert.Null(PagingConsistency.Disagreement([Page(null, "HX-1", "HX-2"), Page(null, "HX-3", "HX-3")]));
    }

    static PageRead Page(long? matched, params string[] ids) => new(matched, ids.Length, ids);
}
