//! Which request a caller sends next, and the small random source that decides.

/// One kind of request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Create,
    Rename,
    AddRole,
    RemoveRole,
    GetUser,
    UserRoles,
    List,
    Search,
}

impl Op {
    /// The op for a roll in 0..100: about half writes. A caller without users
    /// creates one first.
    pub fn pick(roll: u64, users: usize) -> Op {
        if users == 0 {
            return Op::Create;
        }
        match roll {
            0..15 => Op::Create,
            15..35 => Op::Rename,
            35..45 => Op::AddRole,
            45..52 => Op::RemoveRole,
            52..72 => Op::GetUser,
            72..80 => Op::UserRoles,
            80..90 => Op::List,
            _ => Op::Search,
        }
    }
}

/// xorshift64*: enough to spread requests, and repeatable per caller.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }

    /// An index into `weights`, each chosen in proportion to its weight.
    pub fn weighted(&mut self, weights: &[u64]) -> usize {
        let mut roll = self.below(weights.iter().sum());
        for (i, weight) in weights.iter().enumerate() {
            if roll < *weight {
                return i;
            }
            roll -= weight;
        }
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caller_without_users_creates_one() {
        assert_eq!(Op::pick(60, 0), Op::Create);
        assert_eq!(Op::pick(60, 1), Op::GetUser);
    }

    #[test]
    fn weights_spread_the_picks() {
        let mut rng = Rng::new(7);
        let mut counts = [0u32; 3];
        for _ in 0..10_000 {
            counts[rng.weighted(&[1, 0, 3])] += 1;
        }
        assert_eq!(counts[1], 0);
        assert!((2_200..2_800).contains(&counts[0]), "{counts:?}");
    }
}
