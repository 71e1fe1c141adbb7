//! Resource quantities (`100m`, `70Mi`, `2`, `1e3`): a port of the parts of apimachinery
//! `pkg/api/resource` that kubectl's printers use: parsing, adding, `MilliValue`, `Value`, and
//! the canonical `String()` form.
//!
//! Values are kept exactly, as a count of nano-units (10^-9), which covers every suffix from
//! `n` to `E`. Like `ParseQuantity`, a value finer than a nano-unit is rounded up.

/// How a quantity prints, taken from the suffix it was written with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    /// `Ki`, `Mi`, … (powers of 1024).
    BinarySI,
    /// `m`, `k`, `M`, … or no suffix.
    #[default]
    DecimalSI,
    /// `1e3`, `2E6`.
    DecimalExponent,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Quantity {
    nanos: i128,
    pub format: Format,
}

const NANO: i128 = 1_000_000_000;
/// More digits than this cannot be a real quantity; refusing them keeps the arithmetic exact.
const MAX_DIGITS: usize = 30;

impl Quantity {
    pub fn zero() -> Quantity {
        Quantity::default()
    }

    /// `resource.ParseQuantity`; `None` where it returns an error.
    pub fn parse(s: &str) -> Option<Quantity> {
        let s = s.trim();
        if s.is_empty() {
            return None;
        }
        let (negative, rest) = match s.as_bytes()[0] {
            b'-' => (true, &s[1..]),
            b'+' => (false, &s[1..]),
            _ => (false, s),
        };
        let num_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let (number, suffix) = rest.split_at(num_end);
        let (int_part, frac_part) = number.split_once('.').unwrap_or((number, ""));
        if int_part.is_empty() && frac_part.is_empty() {
            return None;
        }
        if frac_part.contains('.') || int_part.len() + frac_part.len() > MAX_DIGITS {
            return None;
        }
        let (format, base, exp): (Format, i128, i32) = match suffix {
            "" => (Format::DecimalSI, 10, 0),
            "n" => (Format::DecimalSI, 10, -9),
            "u" => (Format::DecimalSI, 10, -6),
            "m" => (Format::DecimalSI, 10, -3),
            "k" => (Format::DecimalSI, 10, 3),
            "M" => (Format::DecimalSI, 10, 6),
            "G" => (Format::DecimalSI, 10, 9),
            "T" => (Format::DecimalSI, 10, 12),
            "P" => (Format::DecimalSI, 10, 15),
            "E" => (Format::DecimalSI, 10, 18),
            "Ki" => (Format::BinarySI, 2, 10),
            "Mi" => (Format::BinarySI, 2, 20),
            "Gi" => (Format::BinarySI, 2, 30),
            "Ti" => (Format::BinarySI, 2, 40),
            "Pi" => (Format::BinarySI, 2, 50),
            "Ei" => (Format::BinarySI, 2, 60),
            _ => {
                let e = suffix.strip_prefix(['e', 'E'])?;
                let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
                if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                let v: i32 = e.parse().ok()?;
                if !(-40..=40).contains(&v) {
                    return None;
                }
                (Format::DecimalExponent, 10, v)
            }
        };
        // mantissa = int_part.frac_part as an integer over 10^frac_len
        let digits = format!("{int_part}{frac_part}");
        let mantissa: i128 = if digits.is_empty() {
            0
        } else {
            digits.parse().ok()?
        };
        let frac_len = frac_part.len() as i32;
        // value in nanos = mantissa * base^exp * 10^9 / 10^frac_len, rounded up
        let mut num = mantissa;
        let mut den: i128 = 1;
        if base == 2 {
            num = num.checked_mul(1i128 << exp)?;
        } else if exp >= 0 {
            num = num.checked_mul(10i128.checked_pow(exp as u32)?)?;
        } else {
            den = den.checked_mul(10i128.checked_pow((-exp) as u32)?)?;
        }
        num = num.checked_mul(NANO)?;
        den = den.checked_mul(10i128.checked_pow(frac_len as u32)?)?;
        let mut nanos = num / den;
        if num % den != 0 {
            nanos += 1;
        }
        if negative {
            nanos = -nanos;
        }
        Some(Quantity { nanos, format })
    }

    /// Parses, or zero for a missing or malformed value.
    pub fn parse_or_zero(s: &str) -> Quantity {
        Quantity::parse(s).unwrap_or_default()
    }

    pub fn is_zero(&self) -> bool {
        self.nanos == 0
    }

    /// `q.Add(y)`: the sum keeps `q`'s format, unless `q` was zero.
    pub fn add(&mut self, other: &Quantity) {
        if self.nanos == 0 {
            self.format = other.format;
        }
        self.nanos = self.nanos.saturating_add(other.nanos);
    }

    pub fn cmp_value(&self, other: &Quantity) -> std::cmp::Ordering {
        self.nanos.cmp(&other.nanos)
    }

    /// `MilliValue()`: thousandths, rounded up.
    pub fn milli_value(&self) -> i64 {
        ceil_div(self.nanos, 1_000_000) as i64
    }

    /// `Value()`: whole units, rounded up.
    pub fn value(&self) -> i64 {
        ceil_div(self.nanos, NANO) as i64
    }
}

fn ceil_div(a: i128, b: i128) -> i128 {
    let q = a / b;
    if a % b != 0 && a > 0 {
        q + 1
    } else {
        q
    }
}

/// The canonical form `Quantity.String()` prints.
impl std::fmt::Display for Quantity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.nanos == 0 {
            return f.write_str("0");
        }
        let mut format = self.format;
        if format == Format::BinarySI {
            let small = self.nanos > -1024 * NANO && self.nanos < 1024 * NANO;
            if small || self.nanos % NANO != 0 {
                format = Format::DecimalSI;
            }
        }
        if format == Format::BinarySI {
            let mut amount = self.nanos / NANO;
            let mut exp = 0;
            while amount % 1024 == 0 && exp < 6 {
                amount /= 1024;
                exp += 1;
            }
            let suffix = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"][exp];
            return write!(f, "{amount}{suffix}");
        }
        let mut amount = self.nanos;
        let mut exp: i32 = -9;
        while amount % 10 == 0 {
            amount /= 10;
            exp += 1;
        }
        match exp.rem_euclid(3) {
            1 => {
                amount *= 10;
                exp -= 1;
            }
            2 => {
                amount *= 100;
                exp -= 2;
            }
            _ => {}
        }
        let si = match exp {
            -9 => Some("n"),
            -6 => Some("u"),
            -3 => Some("m"),
            0 => Some(""),
            3 => Some("k"),
            6 => Some("M"),
            9 => Some("G"),
            12 => Some("T"),
            15 => Some("P"),
            18 => Some("E"),
            _ => None,
        };
        match (format, si) {
            (Format::DecimalSI, Some(s)) => write!(f, "{amount}{s}"),
            _ if exp == 0 => write!(f, "{amount}"),
            _ => write!(f, "{amount}e{exp}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(s: &str) -> String {
        Quantity::parse(s)
            .map(|q| q.to_string())
            .unwrap_or("ERR".into())
    }

    #[test]
    fn canonical_forms_match_apimachinery() {
        for (input, want) in [
            ("100m", "100m"),
            ("0.1", "100m"),
            ("2", "2"),
            ("2000m", "2"),
            ("1000", "1k"),
            ("1500", "1500"),
            ("70Mi", "70Mi"),
            ("1024Mi", "1Gi"),
            ("1.5Gi", "1536Mi"),
            ("1912564Ki", "1912564Ki"),
            ("20134592Ki", "20134592Ki"),
            ("19586931083", "19586931083"),
            ("512", "512"),
            ("1Ki", "1Ki"),
            ("0.5Ki", "512"),
            ("1e3", "1e3"),
            ("129e6", "129e6"),
            ("129M", "129M"),
            ("0", "0"),
            ("110", "110"),
            ("-100m", "-100m"),
            ("1n", "1n"),
            ("1.5", "1500m"),
        ] {
            assert_eq!(canon(input), want, "{input}");
        }
        assert!(Quantity::parse("abc").is_none());
        assert!(Quantity::parse("1Xi").is_none());
        assert!(Quantity::parse("").is_none());
    }

    #[test]
    fn values_round_up() {
        let q = Quantity::parse("100m").unwrap();
        assert_eq!(q.milli_value(), 100);
        assert_eq!(q.value(), 1);
        assert_eq!(Quantity::parse("70Mi").unwrap().value(), 73_400_320);
        let mut sum = Quantity::zero();
        sum.add(&Quantity::parse("100m").unwrap());
        sum.add(&Quantity::parse("250m").unwrap());
        assert_eq!(sum.to_string(), "350m");
        let mut mem = Quantity::parse("70Mi").unwrap();
        mem.add(&Quantity::parse("70Mi").unwrap());
        assert_eq!(mem.to_string(), "140Mi");
    }
}
