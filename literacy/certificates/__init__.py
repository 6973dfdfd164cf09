"""Certificates anyone can verify: issued once on a pass, a PDF with a QR, public verification, revocation."""
