"""QR codes: make them (:mod:`.generate`), read them (:mod:`.decode`) and put them in
a pathway document beside the links they stand for (:mod:`.place`)."""
