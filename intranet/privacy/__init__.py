"""Privacy (AVG): the privacy statement, a person's data export and anonymisation, pruning."""
