-- Document frequency of each indexed term, so searches can skip words most tips contain.
CREATE VIRTUAL TABLE tips_vocab USING fts5vocab(tips_fts, 'row');
