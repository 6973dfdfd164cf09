"""The reference point for throughput: a minimal Flask app (quality-bars.md)."""
from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "hello"
