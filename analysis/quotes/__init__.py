"""Step 2: the quotation engine (quote marks, attribution cues, speakers), resolution of
speakers to a study's actors, whose words a span is, and one voice per utterance.
"""
