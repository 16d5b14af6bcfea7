"""Yearly quota declarations (按比例就业 申报): employers declare, staff verify, approve or return, and export."""
