"""builder: declarative recipes that turn raw news articles into validated, versioned datasets."""

__version__ = "0.1.0"
