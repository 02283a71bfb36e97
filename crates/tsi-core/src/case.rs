//! The case process (SPEC §6). So far: the concern areas a child is raised for (R-CP-1).

use serde::{Deserialize, Serialize};

/// Why a child is raised to the joint team (R-CP-1): the BBIC triangle plus school attendance.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ConcernArea {
    /// The child's development (health, learning, emotions, behaviour).
    ChildDevelopment,
    /// The guardians' parenting capacity.
    ParentingCapacity,
    /// Family and environment.
    FamilyAndEnvironment,
    /// School attendance.
    SchoolAttendance,
}
