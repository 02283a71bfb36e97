//! Sorting, compiled once (#30). Each `sort_by` of another element type or comparison is
//! another copy of the standard library's sort: 77 copies were 86 KB of the web build before
//! compression. Here a list is sorted by sorting the positions of its items under a comparison
//! reached through a reference, so the sort itself is compiled once; the order is the one the
//! standard stable sort gives (equal items keep their order).

use std::cmp::Ordering;

/// Sorts `items` stably by `compare`, as `slice::sort_by` does.
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let count = items.len();
    if count < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..count).collect();
    {
        let items = &*items;
        positions(&mut order, &|a, b| match (items.get(a), items.get(b)) {
            (Some(x), Some(y)) => compare(x, y),
            _ => Ordering::Equal,
        });
    }
    // `order[k]` is the item that goes to place k; `goes_to[i]` is the place of item i.
    let mut goes_to = vec![0; count];
    for (place, &item) in order.iter().enumerate() {
        if let Some(slot) = goes_to.get_mut(item) {
            *slot = place;
        }
    }
    // Each swap puts one item in its place.
    for here in 0..count {
        while let Some(&there) = goes_to.get(here) {
            if there == here || there >= count {
                break;
            }
            items.swap(here, there);
            goes_to.swap(here, there);
        }
    }
}

/// Sorts items that order themselves, stably.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// Sorts `items` stably by a key, as `slice::sort_by_key` does.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The one copy of the standard sort: of positions, under a comparison of the items there.
#[inline(never)]
fn positions(order: &mut [usize], compare: &dyn Fn(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| compare(a, b));
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_order_of_the_standard_stable_sort(items in proptest::collection::vec((0u8..6, any::<u16>()), 0..64)) {
            // Compared by the first part only, so equal items must keep their order.
            let mut ours = items.clone();
            super::sort_by_key(&mut ours, |item| item.0);
            let mut std = items.clone();
            std.sort_by_key(|item| item.0);
            prop_assert_eq!(&ours, &std);
            let mut whole = items.clone();
            super::sort(&mut whole);
            let mut std_whole = items;
            std_whole.sort();
            prop_assert_eq!(whole, std_whole);
        }
    }
}
