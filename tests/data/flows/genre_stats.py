from metaflow import FlowSpec, IncludeFile, Parameter, step, resources, timeout


def data_path(name):
    """
    Resolves `name` next to this script, so the flow can be started from any
    directory.
    """
    import os

    return os.path.join(os.path.dirname(__file__), name)


class GenreStatsFlow(FlowSpec):
    """
    Per-genre box-office quartiles:
    1) read a CSV of films,
    2) fan out over the genres with foreach,
    3) compute quartiles per genre,
    4) join them into one dictionary.
    """

    films = IncludeFile(
        "films",
        help="CSV with title, year, genres and gross columns.",
        default=data_path("films.csv"),
    )
    top = Parameter("top", help="How many genres to keep.", default=10)

    @step
    def start(self):
        import csv

        rows = list(csv.DictReader(self.films.splitlines()))
        self.table = {
            "title": [r["title"] for r in rows],
            "genres": [r["genres"] for r in rows],
            "gross": [int(r["gross"]) for r in rows],
        }
        # Each film lists its genres separated by '|'.
        self.genres = sorted({g for gs in self.table["genres"] for g in gs.split("|")})
        self.next(self.per_genre, foreach="genres")

    @resources(memory=16000, cpu=4)
    @timeout(hours=1)
    @step
    def per_genre(self):
        self.genre = self.input
        picked = [
            gross
            for gross, genres in zip(self.table["gross"], self.table["genres"])
            if self.genre in genres.split("|")
        ]
        picked.sort()
        self.quartiles = [picked[int(len(picked) * q)] for q in (0.25, 0.5, 0.75)] if picked else []
        self.next(self.join)

    @step
    def join(self, inputs):
        self.stats = {i.genre.lower(): {"quartiles": i.quartiles} for i in inputs}
        self.next(self.end)

    @step
    def end(self):
        print(f"{len(self.stats)} genres, e.g. {next(iter(self.stats), '-')!r}")


if __name__ == "__main__":
    GenreStatsFlow()
