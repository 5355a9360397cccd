//! Which palette the TUI's colours come from: `--theme` on the command line and
//! `theme = …` in the configuration file. A plain enum, so the command line and the
//! TUI can both name it without one depending on the other.

/// The palettes, in the order help lists them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Palette {
    #[default]
    Dark,
    Light,
    HighContrast,
}

impl Palette {
    pub const ALL: [Palette; 3] = [Palette::Dark, Palette::Light, Palette::HighContrast];

    /// How the command line and the configuration file spell it.
    pub fn name(self) -> &'static str {
        match self {
            Palette::Dark => "dark",
            Palette::Light => "light",
            Palette::HighContrast => "high-contrast",
        }
    }

    /// `dark`, `light`, `high-contrast`, in any case.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(name.trim()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_palette_is_found_by_its_name_in_any_case() {
        for palette in Palette::ALL {
            assert_eq!(Palette::from_name(palette.name()), Some(palette));
            assert_eq!(Palette::from_name(&palette.name().to_uppercase()), Some(palette));
        }
        assert_eq!(Palette::from_name("solarized"), None);
    }
}
