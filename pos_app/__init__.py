"""O2O Till: the store-side point of sale for online-to-offline retail."""

__version__ = "0.1.0"
