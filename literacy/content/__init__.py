"""The content pipeline: partners' markdown modules read, checked, rendered and imported.

``source`` reads a module folder into plain data (recording every problem it meets),
``render`` turns markdown into sanitised HTML, ``checks`` names the problems,
``services`` imports checked modules into the catalog, ``cli`` is ``flask content``.
"""
