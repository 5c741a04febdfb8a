"""The ``wiretrace`` command line, at the top of the house: it calls the flows, reads the
warehouse and runs the evaluation workbench; nothing else imports it."""
