"""The Streamlit side of LKj: shared connection, login gate, navigation, small UI helpers."""
