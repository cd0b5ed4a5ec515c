using Sieve.Ocsr.Labels;

namespace Sieve.Ocsr.Tests;

/// <summary>How the reader settles a label from glyph readings: doubtful glyphs' runners-up are tried where the text
/// as read is no label (or a 'CH', which drawings never carry).</summary>
public class LabelReaderTests
{
    [Fact]
    public void A_doubtful_C_whose_runner_up_is_O_makes_CH_an_OH() =>
        Assert.Equal("OH", LabelReader.Known("CH", [(0, 'O')]));

    [Fact]
    public void A_doubtful_C_in_CH_is_an_O_whatever_its_runner_up() =>
        Assert.Equal("OH", LabelReader.Known("CH", [(0, 'G')]));

    [Fact]
    public void A_sure_CH_is_left_as_read() =>
        Assert.Equal("CH", LabelReader.Known("CH", []));

    [Fact]
    public void A_doubtful_P_whose_runner_up_is_R_makes_P2_an_R2() =>
        Assert.Equal("R2", LabelReader.Known("P2", [(0, 'R')]));

    [Fact]
    public void A_label_the_parser_knows_keeps_its_reading_despite_doubt() =>
        Assert.Equal("Cl", LabelReader.Known("Cl", [(0, 'O')]));

    [Fact]
    public void A_small_cross_after_letters_that_names_no_label_reads_as_the_letter_x() =>
        Assert.Equal("nHex", LabelReader.Known("nHe+", []));

    [Fact]
    public void Text_that_no_alternative_turns_into_a_label_stays_as_read() =>
        Assert.Equal("Qq", LabelReader.Known("Qq", [(1, 'w')]));

    [Fact]
    public void A_doubtful_H_whose_runner_up_is_N_offers_N_as_its_alternative() =>
        Assert.Equal("N", LabelReader.Alternative("H", [(0, 'N')]));

    [Fact]
    public void A_label_without_doubtful_glyphs_has_no_alternative() =>
        Assert.Null(LabelReader.Alternative("H", []));

    [Fact]
    public void A_runner_up_that_makes_no_label_is_no_alternative() =>
        Assert.Null(LabelReader.Alternative("O", [(0, 'G')]));
}
