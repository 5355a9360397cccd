//! `--theme`: clap's view of the plain `Palette`, kept here so the palette knows nothing
//! of the command line.

use clap::builder::PossibleValue;
use clap::ValueEnum;

use crate::palette::Palette;

impl ValueEnum for Palette {
    fn value_variants<'a>() -> &'a [Self] {
        &Palette::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.name()))
    }
}
