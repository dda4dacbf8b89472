use wasm_bindgen::prelude::*;

/// A newtype that represents Serde errors as JavaScript exceptions.
#[derive(Debug)]
pub struct Error(JsValue);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        #[wasm_bindgen]
        extern "C" {
            #[wasm_bindgen(js_name = String)]
            pub fn to_string(value: &JsValue) -> String;
        }

        to_string(&self.0).fmt(f)
    }
}

impl std::error::Error for Error {}

impl Error {
    /// Creates a JavaScript `Error` with a given message.
    pub fn new<T: std::fmt::Display>(msg: T) -> Self {
        Error(JsError::new(&msg.to_string()).into())
    }
}

impl serde::ser::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Error::new(msg)
    }
}

impl serde::de::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Error::new(msg)
    }

    // Patched (PATCHED.md): the unexpected value is named by its kind, never printed, so that
    // neither float printing nor string escaping is linked into the wasm.
    fn invalid_type(unexpected: serde::de::Unexpected, expected: &dyn serde::de::Expected) -> Self {
        Error::new(format_args!(
            "invalid type: {}, expected {}",
            kind(unexpected),
            expected
        ))
    }

    fn invalid_value(unexpected: serde::de::Unexpected, expected: &dyn serde::de::Expected) -> Self {
        Error::new(format_args!(
            "invalid value: {}, expected {}",
            kind(unexpected),
            expected
        ))
    }
}

/// What serde's own message would say of a value, without the value.
fn kind<'a>(unexpected: serde::de::Unexpected<'a>) -> &'a str {
    use serde::de::Unexpected::*;
    match unexpected {
        Bool(_) => "a boolean",
        Unsigned(_) | Signed(_) => "an integer",
        Float(_) => "a number",
        Char(_) | Str(_) => "a string",
        Bytes(_) => "bytes",
        Unit | Option => "null",
        NewtypeStruct | NewtypeVariant => "a newtype",
        Seq | TupleVariant => "a list",
        Map | StructVariant => "an object",
        Enum | UnitVariant => "an enum variant",
        Other(other) => other,
    }
}

/// This conversion is needed for `?` to just work when using wasm-bindgen
/// imports that return JavaScript exceptions as `Result<T, JsValue>`.
impl From<JsValue> for Error {
    fn from(error: JsValue) -> Error {
        Error(error)
    }
}

// This conversion is needed for `?` to just work in wasm-bindgen exports
// that return `Result<T, JsValue>` to throw JavaScript exceptions.
impl From<Error> for JsValue {
    fn from(error: Error) -> JsValue {
        error.0
    }
}
