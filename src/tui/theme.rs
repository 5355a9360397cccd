//! Every style in one place, from one of three palettes. With NO_COLOR set, meaning is
//! carried by modifiers alone, whatever the palette.

use ratatui::style::{Color, Modifier, Style};

pub use crate::palette::Palette;

/// The colours of one palette.
struct Colors {
    selected: (Color, Color),
    unfocused: (Color, Color),
    key: Color,
    string: Color,
    number: Color,
    boolean: Color,
    dim: Color,
    header: (Color, Color),
    added: Color,
    changed: Color,
    deleted: Color,
    error: Color,
    accent: Color,
}

const DARK: Colors = Colors {
    selected: (Color::Blue, Color::White),
    unfocused: (Color::DarkGray, Color::Reset),
    key: Color::Cyan,
    string: Color::Green,
    number: Color::Magenta,
    boolean: Color::Yellow,
    dim: Color::DarkGray,
    header: (Color::Rgb(30, 30, 46), Color::White),
    added: Color::Green,
    changed: Color::Yellow,
    deleted: Color::Red,
    error: Color::Red,
    accent: Color::Cyan,
};

/// For light terminal backgrounds: dark text colours, pale selection.
const LIGHT: Colors = Colors {
    selected: (Color::Rgb(170, 195, 255), Color::Black),
    unfocused: (Color::Rgb(222, 222, 222), Color::Reset),
    key: Color::Blue,
    string: Color::Rgb(0, 110, 0),
    number: Color::Rgb(140, 0, 140),
    boolean: Color::Rgb(150, 90, 0),
    dim: Color::Rgb(105, 105, 105),
    header: (Color::Rgb(225, 228, 240), Color::Black),
    added: Color::Rgb(0, 120, 0),
    changed: Color::Rgb(160, 95, 0),
    deleted: Color::Rgb(190, 0, 0),
    error: Color::Rgb(190, 0, 0),
    accent: Color::Blue,
};

/// Bright colours on black, nothing dim: for low vision and washed-out screens.
const HIGH_CONTRAST: Colors = Colors {
    selected: (Color::Yellow, Color::Black),
    unfocused: (Color::White, Color::Black),
    key: Color::LightCyan,
    string: Color::LightGreen,
    number: Color::LightMagenta,
    boolean: Color::LightYellow,
    dim: Color::White,
    header: (Color::Black, Color::White),
    added: Color::LightGreen,
    changed: Color::LightYellow,
    deleted: Color::LightRed,
    error: Color::LightRed,
    accent: Color::LightCyan,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub palette: Palette,
}

impl Theme {
    /// No colour at all, as with NO_COLOR.
    pub const PLAIN: Theme = Theme {
        color: false,
        palette: Palette::Dark,
    };
    pub const DARK: Theme = Theme {
        color: true,
        palette: Palette::Dark,
    };

    /// `palette`, unless NO_COLOR is set (it always wins).
    pub fn from_env(palette: Palette) -> Self {
        Self {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            palette,
        }
    }

    fn colors(&self) -> &'static Colors {
        match self.palette {
            Palette::Dark => &DARK,
            Palette::Light => &LIGHT,
            Palette::HighContrast => &HIGH_CONTRAST,
        }
    }

    fn fg(&self, pick: fn(&Colors) -> Color) -> Style {
        if self.color {
            Style::new().fg(pick(self.colors()))
        } else {
            Style::new()
        }
    }

    fn pair(&self, (bg, fg): (Color, Color)) -> Style {
        Style::new().bg(bg).fg(fg)
    }

    pub fn selected(&self) -> Style {
        if self.color {
            self.pair(self.colors().selected).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// The selection in a pane that does not have focus.
    pub fn selected_unfocused(&self) -> Style {
        if self.color {
            self.pair(self.colors().unfocused)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        }
    }

    pub fn key(&self) -> Style {
        self.fg(|c| c.key)
    }

    pub fn string(&self) -> Style {
        self.fg(|c| c.string)
    }

    pub fn number(&self) -> Style {
        self.fg(|c| c.number)
    }

    pub fn boolean(&self) -> Style {
        self.fg(|c| c.boolean)
    }

    pub fn null(&self) -> Style {
        self.fg(|c| c.dim).add_modifier(Modifier::ITALIC)
    }

    pub fn dim(&self) -> Style {
        self.fg(|c| c.dim)
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn error(&self) -> Style {
        self.fg(|c| c.error).add_modifier(Modifier::BOLD)
    }

    pub fn info(&self) -> Style {
        self.fg(|c| c.added)
    }

    pub fn demo(&self) -> Style {
        self.fg(|_| Color::Black)
            .bg(if self.color { Color::Yellow } else { Color::Reset })
            .add_modifier(Modifier::BOLD)
    }

    /// A production tenant's name: red, so it is never mistaken for a test tenant.
    pub fn production(&self) -> Style {
        self.fg(|c| c.error).add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// A row the tree search found.
    pub fn search_match(&self) -> Style {
        if self.color {
            Style::new().bg(self.colors().boolean).fg(Color::Black)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
        }
    }

    pub fn read_only(&self) -> Style {
        if self.color {
            self.pair((self.colors().accent, Color::Black))
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    pub fn header(&self) -> Style {
        if self.color {
            self.pair(self.colors().header)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    pub fn footer_key(&self) -> Style {
        self.fg(|c| c.accent).add_modifier(Modifier::BOLD)
    }

    pub fn added(&self) -> Style {
        self.fg(|c| c.added).add_modifier(Modifier::BOLD)
    }

    pub fn changed(&self) -> Style {
        self.fg(|c| c.changed).add_modifier(Modifier::BOLD)
    }

    /// Deleted rows stay visible, struck through, so the reviewer sees them.
    pub fn deleted(&self) -> Style {
        self.fg(|c| c.deleted).add_modifier(Modifier::CROSSED_OUT)
    }

    pub fn border_focused(&self) -> Style {
        self.fg(|c| c.accent)
    }
}
