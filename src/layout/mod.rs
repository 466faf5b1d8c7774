//! Force layout (being written).
