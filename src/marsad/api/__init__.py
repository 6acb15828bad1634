"""REST API over the incident store (FastAPI)."""
