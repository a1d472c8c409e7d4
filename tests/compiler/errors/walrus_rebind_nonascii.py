résultats = [(élément := 0) for élément in données]
