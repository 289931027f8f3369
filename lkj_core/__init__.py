"""LKj domain core: planning data, capaian, SOP, storage. Pure Python, never imports Streamlit."""

__version__ = "0.1.0"
