//! The one source of randomness: a seeded SplitMix64. The same seed gives the same cluster
//! (names, IPs, timings), byte for byte.

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Rng {
    state: u64,
}

/// The alphabet Kubernetes uses for generated name suffixes (`utilrand.String`).
pub const NAME_ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng {
            state: seed ^ 0x9E37_79B9_7F4A_7C15,
        }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        let span = (hi - lo + 1) as u64;
        lo + (self.next_u64() % span) as i64
    }

    /// A generated-name suffix such as `2xq9l`.
    pub fn name_suffix(&mut self, len: usize) -> String {
        (0..len)
            .map(|_| NAME_ALPHABET[(self.next_u64() % NAME_ALPHABET.len() as u64) as usize] as char)
            .collect()
    }

    pub fn hex(&mut self, len: usize) -> String {
        const HEX: &[u8] = b"0123456789abcdef";
        (0..len)
            .map(|_| HEX[(self.next_u64() % 16) as usize] as char)
            .collect()
    }

    /// A random UUID (version 4 layout), as `metadata.uid` looks.
    pub fn uuid(&mut self) -> String {
        let h = self.hex(32);
        format!(
            "{}-{}-4{}-{}{}-{}",
            &h[0..8],
            &h[8..12],
            &h[13..16],
            ["8", "9", "a", "b"][(self.next_u64() % 4) as usize],
            &h[17..20],
            &h[20..32]
        )
    }
}

/// A stable hash (FNV-1a, 64 bit) used where Kubernetes hashes content, e.g. `pod-template-hash`.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// `rand.SafeEncodeString` of a hash, as the deployment controller names ReplicaSets.
pub fn safe_encode(n: u64) -> String {
    // Kubernetes maps each byte of the decimal string through the alphabet, so hashes use only
    // `4 5 6 7 8 9 b c d f` (e.g. `7854ff8877`).
    n.to_string()
        .bytes()
        .map(|c| NAME_ALPHABET[c as usize % NAME_ALPHABET.len()] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_sequence() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        assert_eq!(a.name_suffix(5), b.name_suffix(5));
        assert_eq!(a.uuid(), b.uuid());
        assert_ne!(Rng::new(1).next_u64(), Rng::new(2).next_u64());
    }

    #[test]
    fn pod_template_hash_looks_real() {
        let s = safe_encode(fnv1a(b"nginx") & 0xffff_ffff);
        assert!(s.len() >= 6 && s.len() <= 10, "{s}");
        assert!(s.bytes().all(|c| b"456789bcdf".contains(&c)), "{s}");
        assert_eq!(safe_encode(3_210_987_654), "7654fdcb98");
    }
}
