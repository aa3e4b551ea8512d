//! Closed vocabularies: enums whose values have a stable code (storage,
//! URLs, the API) and a Dutch label (the UI).

/// Declares a vocabulary enum with `ALL`, `code()`, `from_code()` and
/// `label()`. The code is also the value's serde name, so JSON, storage and
/// URLs agree.
///
/// ```
/// gehoord_domain::vocabulary! {
///     /// How sure we are.
///     pub enum Certainty {
///         Sure = ("sure", "Zeker"),
///         Unsure = ("unsure", "Niet zeker"),
///     }
/// }
/// assert_eq!(Certainty::ALL.len(), 2);
/// assert_eq!(Certainty::from_code("unsure"), Some(Certainty::Unsure));
/// assert_eq!(Certainty::Sure.label(), "Zeker");
/// assert_eq!(serde_json::to_string(&Certainty::Sure).unwrap(), "\"sure\"");
/// ```
#[macro_export]
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = ($code:literal, $label:literal) ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        $vis enum $name {
            $( $(#[$vmeta])* #[serde(rename = $code)] $variant ),+
        }

        impl $name {
            /// Every value, in the order shown to people.
            pub const ALL: [Self; [$(stringify!($variant)),+].len()] = [$(Self::$variant),+];

            /// The stable code used in storage, URLs and the API.
            #[must_use]
            pub const fn code(self) -> &'static str {
                match self { $(Self::$variant => $code),+ }
            }

            /// The value with this code, if any.
            #[must_use]
            pub fn from_code(code: &str) -> Option<Self> {
                Self::ALL.into_iter().find(|v| v.code() == code)
            }

            /// The Dutch label for the UI.
            #[must_use]
            pub const fn label(self) -> &'static str {
                match self { $(Self::$variant => $label),+ }
            }
        }
    };
}

#[cfg(test)]
mod tests {
    crate::vocabulary! {
        enum Sample {
            One = ("one", "Eén"),
            /// Documented variants keep their docs.
            Two = ("two_words", "Twee"),
        }
    }

    #[test]
    fn codes_round_trip_and_are_serde_names() {
        for v in Sample::ALL {
            assert_eq!(Sample::from_code(v.code()), Some(v));
            assert_eq!(serde_json::to_string(&v).unwrap(), format!("\"{}\"", v.code()));
        }
        assert_eq!(Sample::from_code("three"), None);
        assert_eq!(Sample::Two.label(), "Twee");
    }
}
