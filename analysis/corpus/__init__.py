"""Step 1 of the pipeline: read a corpus (txt, folders with a manifest, CSV, JSON lines) and
clean it (headlines, captions, repeats set aside with their reason); events restrict an
article to the paragraphs about one event.
"""
