//! One sort for the whole crate. Every `sort_by` with its own closure is a new copy of the
//! standard library's sort (some kilobytes of wasm each); with some seventy call sites that was
//! a twelfth of the download. Here the standard sort runs once, on indices, through a `dyn`
//! comparator, and the slice is then put in that order. Stable, like `sort_by`.

use std::cmp::Ordering;

/// The order that sorts `n` items by `cmp` (stable).
fn sorted_indices(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by(|&a, &b| cmp(a, b));
    idx
}

/// Puts `v` in `order` (`v[k]` becomes the old `v[order[k]]`), following each cycle once.
pub(crate) fn apply_order<T>(v: &mut [T], mut order: Vec<usize>) {
    for i in 0..v.len() {
        let mut j = i;
        loop {
            let k = order[j];
            order[j] = j;
            if k == i || k == j {
                break;
            }
            v.swap(j, k);
            j = k;
        }
    }
}

/// `sort`, `sort_by` and `sort_by_key` that share one copy of the sort.
pub trait SharedSort<T> {
    fn sort_shared_by<F: FnMut(&T, &T) -> Ordering>(&mut self, cmp: F);
    fn sort_shared_by_key<K: Ord, F: FnMut(&T) -> K>(&mut self, key: F);
    fn sort_shared(&mut self)
    where
        T: Ord;
}

impl<T> SharedSort<T> for [T] {
    fn sort_shared_by<F: FnMut(&T, &T) -> Ordering>(&mut self, mut cmp: F) {
        let order = {
            let items: &[T] = self;
            sorted_indices(items.len(), &mut |a, b| cmp(&items[a], &items[b]))
        };
        apply_order(self, order);
    }

    fn sort_shared_by_key<K: Ord, F: FnMut(&T) -> K>(&mut self, mut key: F) {
        self.sort_shared_by(|a, b| {
            let ka = key(a);
            ka.cmp(&key(b))
        });
    }

    fn sort_shared(&mut self)
    where
        T: Ord,
    {
        self.sort_shared_by(|a, b| a.cmp(b));
    }
}

/// `collect()` into a `BTreeMap`, `BTreeSet` or serde_json `Map` by inserting the items one
/// at a time. Their `FromIterator` sorts the items first, with a new copy of the sort for each
/// iterator type; the result is the same (a later equal key wins).
pub trait CollectInserted: Iterator + Sized {
    fn collect_inserted<C: Default + Extend<Self::Item>>(self) -> C {
        let mut c = C::default();
        c.extend(self);
        c
    }
}

impl<I: Iterator> CollectInserted for I {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_sort_and_is_stable() {
        let mut seed = 7u64;
        for n in 0..200 {
            let v: Vec<(u8, usize)> = (0..n)
                .map(|i| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                    ((seed >> 59) as u8, i)
                })
                .collect();
            let mut a = v.clone();
            let mut b = v.clone();
            a.sort_by_key(|x| x.0);
            b.sort_shared_by(|x, y| x.0.cmp(&y.0));
            assert_eq!(a, b, "n = {n}");
            let mut c = v.clone();
            c.sort_shared_by_key(|x| std::cmp::Reverse(x.0));
            let mut d = v;
            d.sort_by_key(|x| std::cmp::Reverse(x.0));
            assert_eq!(c, d);
        }
        let mut s = vec!["b".to_string(), "a".into(), "c".into()];
        s.sort_shared();
        assert_eq!(s, ["a", "b", "c"]);
    }
}
